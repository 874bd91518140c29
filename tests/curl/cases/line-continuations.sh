curl \
  -X POST \
  https://api.example.com/v1/items \
  -d 'a=1'
