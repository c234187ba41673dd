"""Money an analyst can add up: amounts converted to USD and EUR (`convert`) and the
commitment rows of many articles grouped into real-world pledges (`pledges`)."""
