curl --no-progress-meter --no-location --no-buffer https://api.example.com/v1/models
