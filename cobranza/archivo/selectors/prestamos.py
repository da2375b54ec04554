"""prestamos"""
