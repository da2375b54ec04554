"""quejas"""
