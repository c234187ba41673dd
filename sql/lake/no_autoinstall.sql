-- never fetch an extension from the network: every one we use is LOADed from its wheel
set autoinstall_known_extensions = false;
