curl -G https://api.example.com/search -d q=hello -d n=2
