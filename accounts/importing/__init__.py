"""Customer lists from Excel or CSV (客户导入): read the file, recognise its columns, preview each row's
outcome against what the team already has, then apply it all in one transaction, recorded with who
imported it."""
