curl https://api.example.com/echo —data 'a=1'
