"""bytes -> Page -> blocks: decoding, then cutting HTML or a text dump into blocks."""
