"""expedientes"""
