"""Weekly digest e-mails: build, render, chart, send, schedule."""
