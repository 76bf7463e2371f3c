provider cbench {
	probe fire(int value);
};
