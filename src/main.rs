fn main() {
    attune::start();
}
