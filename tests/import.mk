# tests for import
