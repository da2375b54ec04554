"""encuestas"""
