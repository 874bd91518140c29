curl https://api.example.com/echo --data-ascii 'x=1'
