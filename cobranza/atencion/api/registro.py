"""registro"""
