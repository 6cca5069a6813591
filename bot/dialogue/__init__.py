"""The I/O around `state`: conversation rows, catalog view, stock effects, reply rendering."""
