curl https://api.example.com/echo -H X-Note:\ hello\ \"world\" -d a\&b=1
