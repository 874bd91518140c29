curl https://api.example.com/upload -F 'file=@photo.png' -F purpose=vision
