"""blocks -> keep, or drop with a reason: the phrase rules, the HTML and the dump classifiers."""
