#!/usr/bin/python3
# Copyright 2026 Peer Rank contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# read-xlsx.py FILE SHEET: prints the cells of worksheet number SHEET
# (1-based) of the workbook FILE as a spreadsheet reads them, one row a
# line, cells separated by tabs; a number as "n:VALUE", a boolean as
# "b:0"/"b:1", text as it is, an empty cell as nothing. Python's
# standard library only. Used by test-results-page.c.
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def column(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - ord("A") + 1
    return n - 1


def shared_strings(book):
    try:
        root = ET.fromstring(book.read("xl/sharedStrings.xml"))
    except KeyError:
        return []
    return ["".join(t.text or "" for t in si.iter("{%s}t" % NS["x"])) for si in root.findall("x:si", NS)]


def cell_text(cell, strings):
    kind = cell.get("t")
    value = cell.find("x:v", NS)
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter("{%s}t" % NS["x"]))
    if value is None:
        return ""
    if kind == "s":
        return strings[int(value.text)]
    if kind == "b":
        return "b:" + value.text
    if kind == "str":
        return value.text or ""
    return "n:" + value.text


def main():
    book = zipfile.ZipFile(sys.argv[1])
    strings = shared_strings(book)
    sheet = ET.fromstring(book.read("xl/worksheets/sheet%s.xml" % sys.argv[2]))
    rows = {}
    for row in sheet.iter("{%s}row" % NS["x"]):
        cells = {}
        for cell in row.findall("x:c", NS):
            cells[column(cell.get("r"))] = cell_text(cell, strings)
        width = max(cells) + 1 if cells else 0
        rows[int(row.get("r"))] = "\t".join(cells.get(k, "") for k in range(width))
    last = max(rows) if rows else 0
    for r in range(1, last + 1):
        print(rows.get(r, ""))


main()
