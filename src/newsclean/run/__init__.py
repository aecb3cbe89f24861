"""Many pages: batch runs over folders, with worker processes, sinks and resume."""
