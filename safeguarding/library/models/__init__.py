"""Resources, procedures and protocols, campaigns, youth voice and "You said, we did"."""
