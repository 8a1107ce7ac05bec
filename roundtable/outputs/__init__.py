"""What every HTTP answer of the platform shares, below the apps: the API's error shape."""
