curl https://api.example.com/upload -F a=1 -d b=2
