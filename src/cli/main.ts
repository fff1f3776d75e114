// The command line: token-doctor scan. (Being written.)
process.stdout.write('token-doctor\n');
