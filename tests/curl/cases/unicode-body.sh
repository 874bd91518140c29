curl https://api.example.com/echo --json '{"q": "ডাবল কোট “ভিতরে”"}'
