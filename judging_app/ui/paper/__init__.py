"""Paper score sheets in the secretariat's window: the entry grid laid out like the sheet, and
the disagreements between the two entries with their resolution."""
