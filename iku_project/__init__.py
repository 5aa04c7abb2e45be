import os

# pyHanko brings lxml into the environment, and openpyxl then parses workbooks with lxml instead
# of defusedxml, which the workbook import relies on to refuse entity bombs. Keep openpyxl on
# defusedxml whatever else is installed; this runs before any app imports openpyxl.
os.environ.setdefault("OPENPYXL_LXML", "False")
