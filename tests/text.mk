# tests for text
