curl --get 'https://api.example.com/search?lang=en' --data-urlencode 'q=two words'
