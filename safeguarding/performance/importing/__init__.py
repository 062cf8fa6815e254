"""Reading indicator import files (no database): tables from CSV and Excel, the layouts of
official statistics and of the partnership's template, and the DfE variable catalogue."""
