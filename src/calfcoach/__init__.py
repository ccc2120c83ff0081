"""calfcoach: a calf-strength and spring coach for runners."""

__version__ = "0.1.0"
