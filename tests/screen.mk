# tests for screen
