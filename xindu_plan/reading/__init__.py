"""Reading a document: the reader, the shelves of shipped documents, the curation files.

:func:`~xindu_plan.reading.reader.parse` turns a text into a
:class:`~xindu_plan.reading.reader.Document` (layout, genre and structure,
metadata, sentences and quantities); the shelf checks and opens the shipped
documents (the packages ``xindu_plan.corpus`` and ``xindu_plan.calibration``,
which keep their texts where the published paths name them, belong to this
layer); the curation module reads the reviewed curation files. A module here
imports only the layers below (base, chinese) and this one.
"""
