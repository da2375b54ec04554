"""ubicacion"""
