curl https://api.example.com/v1/models -H'X-Trace: 42' -sH 'X-Other: 1'
