curl https://api.example.com/upload -F name=value -F 'note=hi;type=text/plain'
