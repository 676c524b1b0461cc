"""Export: rendering the timeline to PNG, SVG or PDF, its dialog and its command."""
