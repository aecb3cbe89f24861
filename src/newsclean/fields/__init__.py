"""The article's fields (title, kicker, lead, authors, dates, dateline) from the labelled blocks and what the page declares."""
