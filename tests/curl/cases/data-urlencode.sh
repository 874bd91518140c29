curl https://api.example.com/echo --data-urlencode 'msg=hello world & more+é' --data-urlencode '=a b' --data-urlencode 'plain text'
