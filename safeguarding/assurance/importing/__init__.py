"""Reading other partnerships' files (CSV, Excel, Word) for the assurance importers.

Pure parsing: nothing here writes to the database. The services turn what is read into
templates and past returns, all or nothing.
"""
