curl https://api.example.com/echo –data-raw 'a=1' –-compressed
