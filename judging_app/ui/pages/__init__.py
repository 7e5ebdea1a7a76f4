"""The pages of the contest window, one per step."""
