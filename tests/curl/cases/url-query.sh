curl https://api.example.com/search --url-query 'q=hello world' --url-query '+raw=a%20b'
