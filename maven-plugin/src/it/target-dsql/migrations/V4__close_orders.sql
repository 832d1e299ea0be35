UPDATE orders SET status = 'closed';
