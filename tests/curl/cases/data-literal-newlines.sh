curl https://api.example.com/echo -d $'a\r\nb'
