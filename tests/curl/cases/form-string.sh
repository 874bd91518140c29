curl https://api.example.com/upload --form-string 'x=@literal;type=foo'
