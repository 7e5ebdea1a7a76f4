"""The judge's window: unlock a package, sign the pledge, read and score every case, submit."""
