"""Weekly digest e-mails (issue 7): build, render, chart, send, schedule."""
