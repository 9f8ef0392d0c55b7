"""Chinese text: restoration, offsets, quotation marks, numbers and quantities, mentions.

What any Chinese policy document needs before it is read as a document: the
repair of a converted copy (script, bracketed readings, punctuation), the map
between raw and restored offsets, the quantities of a sentence (number grammar,
units, kinds, indicators) and the segmentation and mentions of names. A module
here imports only the base and other modules of this layer.
"""
