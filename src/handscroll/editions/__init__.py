"""Editions: the English, Traditional and Simplified Chinese versions of one work (issue 12).

Input: Feature models (as read, or from the store). Output: aligned works,
and Simplified editions derived from Traditional ones. Never: reads source
files or writes the library; the pipeline and the store do that.
"""
