"""The 'check your understanding' questions at the end of every notebook (shown with ``quiz.Quiz``).

Every option carries its own explanation; number questions state how the number comes about.
tests/test_quiz.py recomputes each number answer with the course's reference functions.
"""

from __future__ import annotations

from .quiz import Question

QUIZ_01 = [
    Question(
        "The true line w = 3.14, b = 2.72 scores an MSE of about 1.0 on its own noisy data. Why not 0?",
        options=("The noise: every point is off the line by its own noise term, whose variance is 1.",
                 "Rounding: the MSE is computed in floating point.",
                 "The true parameters are not the best ones, so the MSE must be above 0.",
                 "An MSE can never be below 1."),
        answer=0,
        why=("No line can explain noise: the average squared noise, about 1² = 1, stays in every line's MSE.",
             "Floating-point rounding is about 10⁻¹⁶ here, far below 1.",
             "Even the best line scores 0.99 on these points: it is the noise, not the parameters, that keeps the "
             "MSE above 0.",
             "An MSE is a mean of squares: it can be any number ≥ 0, and it is 0 when every point is on the line."),
    ),
    Question("Targets y = [1, 2, 3], predictions ŷ = [2, 2, 2]. What is the MSE? (3 decimals)",
             answer=0.667, tolerance=0.002,
             why=("The residuals are −1, 0, 1; their squares 1, 0, 1; the mean 2/3 ≈ 0.667.",)),
    Question(
        "A model that ignores x predicts one number c for every sample. Which c gives the lowest MSE?",
        options=("the mean of y", "the median of y", "the most frequent y", "0"),
        answer=0,
        why=("(1/n)Σ(y − c)² = (1/n)Σ(y − ȳ)² + (ȳ − c)²: the last term, a square, is 0 at c = ȳ.",
             "The median is the best constant under the mean absolute error, not the squared one.",
             "Squares punish far misses a lot, so every target pulls on c, not only the common ones.",
             "Only if the targets happen to have mean 0."),
    ),
    Question(
        "The optimizer minimises MSE + λ·w². What is this sum called?",
        options=("the objective", "the cost", "the loss", "the regulariser"),
        answer=0,
        why=("Cost plus λ times a regulariser: the objective is what the optimizer actually minimises.",
             "The cost is the MSE alone, the average loss over the training set.",
             "The loss is the error on one sample, such as (y_i − ŷ_i)².",
             "The regulariser is only R = w², the part that does not depend on the data."),
    ),
]

QUIZ_02 = [
    Question("f(w) = w² + 3w − 5. One gradient-descent step from w = 0 with learning rate η = 0.1 lands where?",
             answer=-0.3, tolerance=1e-6,
             why=("f′(0) = 2·0 + 3 = 3, so w ← 0 − 0.1·3 = −0.3: downhill, towards the minimum at −1.5.",)),
    Question(
        "On the same parabola each step multiplies the distance to the minimum by r = 1 − 2η. With η = 0.8 the "
        "path …",
        options=("zigzags across the minimum, with shrinking swings, and converges",
                 "creeps towards the minimum from one side",
                 "bounces between two points for ever",
                 "diverges"),
        answer=0,
        why=("r = −0.6: the sign flips every step (the other side of the minimum), and |r| < 1 shrinks the distance.",
             "That needs 0 < r < 1, that is η < 0.5.",
             "That is r = −1, η = 1.",
             "That needs |r| > 1, that is η > 1."),
    ),
    Question(
        "Why does gradient descent step along −∇f and not along +∇f?",
        options=("For a small step, f(θ − η∇f) ≈ f(θ) − η‖∇f‖², which is below f(θ).",
                 "Because the gradient points towards the minimum.",
                 "Because the loss is always positive.",
                 "Either sign works, as long as η is small enough."),
        answer=0,
        why=("The first-order Taylor expansion: −∇f is the direction of steepest descent.",
             "The gradient points uphill, in the direction of steepest ascent; the minimum is the other way.",
             "A positive loss says nothing about which way is down.",
             "+∇f climbs: the same expansion gives f(θ) + η‖∇f‖²."),
    ),
    Question(
        "For the line ŷ = wx + b and J = (1/n)Σ(y_i − ŷ_i)², what is ∂J/∂w?",
        options=("−(2/n) Σ (y_i − ŷ_i)·x_i", "(2/n) Σ (y_i − ŷ_i)·x_i", "−(2/n) Σ (y_i − ŷ_i)", "(1/n) Σ (y_i − ŷ_i)²·x_i"),
        answer=0,
        why=("The chain rule: 2(y_i − ŷ_i) times ∂(y_i − ŷ_i)/∂w = −x_i, averaged.",
             "The minus sign from ∂(−ŷ_i)/∂w is missing: this gradient points downhill, and descent would climb.",
             "That is ∂J/∂b: the x_i from ∂ŷ/∂w is missing.",
             "The square was not differentiated: its derivative brings down a 2 and leaves one factor."),
    ),
    Question(
        "Your hand-derived gradient and the numerical one (centred differences) differ with a relative error of 0.3. "
        "What do you conclude?",
        options=("The hand-derived gradient has a mistake: look for it before training.",
                 "Numerical gradients are that inaccurate; carry on.",
                 "The learning rate is too large.",
                 "The step h of the centred difference is too small."),
        answer=0,
        why=("On a smooth loss a right gradient agrees to about 10⁻⁷; 30 % is a bug, such as a lost factor or sign.",
             "Centred differences are accurate to about h², far better than 30 %.",
             "The check takes no step: the learning rate plays no part in it.",
             "A very small h adds rounding noise, but for any sensible h it is tiny next to 0.3."),
    ),
]

QUIZ_03 = [
    Question("J = (2a + b)·c at a = 1, b = 2, c = 3. What is ∂J/∂a?",
             answer=6.0, tolerance=1e-6,
             why=("Back from J: ∂J/∂v = c = 3, ∂J/∂u = 3·1 = 3, ∂J/∂a = 3·2 = 6 (u = 2a).",)),
    Question("J = (a + b)·a at a = 2, b = 3: a feeds two nodes. What is ∂J/∂a?",
             answer=7.0, tolerance=1e-6,
             why=("The two paths add: through s = a + b, ∂J/∂s·1 = a = 2, plus directly through J = s·a, s = 5: "
                  "2 + 5 = 7 (by hand: J = a² + ab, ∂J/∂a = 2a + b = 7).",)),
    Question(
        "For logistic regression with the cross-entropy, ∂J/∂z for one sample (z the score, ŷ = σ(z)) is …",
        options=("ŷ − y", "ŷ(1 − ŷ)", "y − ŷ", "(ŷ − y)·x"),
        answer=0,
        why=("∂J/∂ŷ = (1 − y)/(1 − ŷ) − y/ŷ times ∂ŷ/∂z = ŷ(1 − ŷ) simplifies to prediction minus label.",
             "That is only the sigmoid's local derivative ∂ŷ/∂z, one factor of the chain.",
             "The sign is flipped: descent along it would climb the loss.",
             "That is ∂J/∂w, one step further back (z = w·x + b)."),
    ),
    Question(
        "A model has a million parameters. Why compute its gradient by backpropagation rather than numerically?",
        options=("One backward pass gives every partial derivative, at about the cost of one forward pass; centred "
                 "differences need two loss evaluations per parameter.",
                 "Numerical gradients are always wrong.",
                 "Backpropagation needs no chain rule.",
                 "Backpropagation finds the minimum directly."),
        answer=0,
        why=("Two million forward passes against one backward pass; numerical gradients remain the check, on small "
             "cases.",
             "They are accurate enough to check a hand-derived gradient: that is what gradient_check does.",
             "Backpropagation is the chain rule, applied node by node from J back to the inputs.",
             "It computes the gradient; the optimizer still takes the steps."),
    ),
]

QUIZ_04 = [
    Question("One sample with label y = 1 gets the prediction ŷ = 0.1. What is its binary cross-entropy (natural "
             "log, 3 decimals)?",
             answer=2.303, tolerance=0.002,
             why=("−[y log ŷ + (1 − y) log(1 − ŷ)] = −log 0.1 ≈ 2.303: a confident wrong answer costs a lot.",)),
    Question("ŷ = σ(wx + b) with w = 2 and b = −4. At which x does the model switch from class 0 to class 1?",
             answer=2.0, tolerance=1e-6,
             why=("ŷ = 0.5 where the score is 0: 2x − 4 = 0, x = −b/w = 2.",)),
    Question(
        "Training prints loss = nan after some steps. What happened?",
        options=("A score above about 37 made σ round to exactly 1.0, so log(1 − ŷ) = log 0.",
                 "The learning rate was too small.",
                 "The labels must be −1 and 1, not 0 and 1.",
                 "The sigmoid is undefined for negative scores."),
        answer=0,
        why=("For a sample with y = 1 the term (1 − y)·log(1 − ŷ) is then 0·(−∞) = nan; on the negative side σ "
             "stays a tiny positive number down to about −745.",
             "A small step avoids large scores; it cannot create them.",
             "Labels 0 and 1 are what the binary cross-entropy expects.",
             "σ(z) = 1/(1 + e^(−z)) is defined for every z."),
    ),
    Question(
        "Which fix for that nan do you use?",
        options=("Compute the loss from the logits, mean[softplus(z) − y·z], with np.logaddexp.",
                 "Clip ŷ to [10⁻¹², 1 − 10⁻¹²].",
                 "Take a smaller learning rate.",
                 "Switch to the MSE."),
        answer=0,
        why=("Exact and stable for every score: the log is never taken of a rounded probability.",
             "It hides the problem and under-reports the loss of confident mistakes.",
             "It avoids large scores on this data; the next data set can produce them again.",
             "That changes the problem: the MSE on a sigmoid is not convex and learns slowly when it is wrong."),
    ),
    Question(
        "The gradient of the mean binary cross-entropy with respect to b is …",
        options=("mean(ŷ − y)", "mean((ŷ − y)·x)", "mean(y − ŷ)", "mean(ŷ(1 − ŷ))"),
        answer=0,
        why=("Prediction minus label, averaged: ∂z/∂b = 1.",
             "That is ∂J/∂w: for b the factor x is 1.",
             "The sign is flipped: descent would climb the loss.",
             "That is the sigmoid's slope, only one factor of the chain."),
    ),
]

QUIZ_05 = [
    Question(
        "a has 3 values and b has 4. W, B = np.meshgrid(a, b); Z is computed from W and B. What is Z's shape?",
        options=("(4, 3)", "(3, 4)", "(12,)", "(3, 3)"),
        answer=0,
        why=("One row per value of b, one column per value of a: Z[i, j] belongs to (a_j, b_i).",
             "Backwards: rows go with the second argument, the vertical axis.",
             "meshgrid keeps the grid's two dimensions.",
             "Each pair of one a and one b is there: 4 · 3 points."),
    ),
    Question("Standardise the feature x = [2, 4, 6] (population standard deviation, dividing by n). What does the "
             "first value become? (3 decimals)",
             answer=-1.225, tolerance=0.002,
             why=("mean 4, std √((4 + 0 + 4)/3) ≈ 1.633, so (2 − 4)/1.633 ≈ −1.225.",)),
    Question(
        "Why does gradient descent reach the minimum faster after standardising the features?",
        options=("The valley becomes a nearly round bowl, so one learning rate suits every direction.",
                 "Standardising makes the loss convex.",
                 "Standardising changes what the model can predict.",
                 "Standardising removes the noise from the data."),
        answer=0,
        why=("On raw features the valley is long and narrow: a step small enough for its steep walls crawls "
             "along its floor.",
             "Logistic regression's loss is convex with or without it.",
             "It is the same model in new units: every raw-unit model has a standardised twin.",
             "The noise is still there; only the units change."),
    ),
    Question(
        "You train logistic regression from four different starting points. Where do they end?",
        options=("At the same minimum: the loss is convex, one bowl.",
                 "At four different minima.",
                 "It depends on the processor's arithmetic.",
                 "Only the start at w = b = 0 reaches the minimum."),
        answer=0,
        why=("Every downhill path in a convex bowl leads to its one bottom.",
             "That happens to a neural network, whose loss has several valleys.",
             "Rounding changes the last digits of the route, not which bottom it reaches.",
             "Any start works; w = b = 0 is only a convenient one."),
    ),
]

QUIZ_06 = [
    Question(
        "Why does a safe softmax subtract each row's maximum score before np.exp?",
        options=("It makes every row of probabilities sum to 1.",
                 "It leaves the probabilities unchanged but makes every exponent ≤ 0, so nothing overflows.",
                 "It makes the largest probability exactly 1.",
                 "Subtracting the maximum of the whole batch would do the same job."),
        answer=1,
        why=("Dividing by the row sum does that, with or without the shift.",
             "Adding the same number to a whole row cancels between top and bottom; with the maximum at 0 the "
             "largest term is e⁰ = 1 and the sum is at least 1.",
             "The largest exponent becomes e⁰ = 1, but after dividing by the row sum its probability is below 1 "
             "unless every other score is far below.",
             "A row far below the batch maximum underflows to 0/0 = nan: each row needs its own maximum."),
    ),
    Question("An untrained 5-class model gives every class the probability 1/5. What is its mean cross-entropy "
             "(natural log), to 3 decimals?",
             answer=1.609, tolerance=0.002,
             why=("−log(1/5) = log 5 ≈ 1.609, whatever the labels: a first loss far from log K points to a bug "
                  "or a bad initialisation.",)),
    Question(
        "The mean cross-entropy J over n samples, with q = softmax(s). What is ∂J/∂s for sample i?",
        options=("(q_i − onehot(y_i)) / n", "q_i(1 − q_i) / n", "(onehot(y_i) − q_i) / n", "−1 / (n·q_{i,y_i})"),
        answer=0,
        why=("Prediction minus label, one entry per class, and 1/n from the mean.",
             "That is only how each probability reacts to its own score; every q_k depends on every score.",
             "The sign is flipped: gradient descent would then climb the loss.",
             "That is the derivative with respect to the probability of the true class, not the scores."),
    ),
    Question("Hinge loss with Δ = 1: the true class is 0 and the scores are [2, 1.5, −1]. What is the loss?",
             answer=0.5, tolerance=1e-6,
             why=("max(0, 1.5 − 2 + 1) + max(0, −1 − 2 + 1) = 0.5 + 0: only class 1 comes within the margin.",)),
    Question(
        "You trained with λ ∈ {0, 0.001, 0.01, 0.1}. Where do you choose λ, and where do you report the accuracy?",
        options=("Choose and report on the test set.",
                 "Choose on the validation set, then report the test accuracy of that one model, once.",
                 "Choose on the training set: it is the largest.",
                 "Choose on the test set and report the validation accuracy."),
        answer=1,
        why=("The best of four test scores is optimistic: the winner is partly the one that was lucky on them.",
             "The test set takes part in no choice, so its single score is an honest estimate.",
             "The training loss always prefers the smallest λ: a penalty can only make the fit to the training "
             "data worse.",
             "Backwards: the set you chose on is the one whose score is optimistic."),
    ),
]

QUIZ_07 = [
    Question(
        "Why is the loss of an untrained network with small weights close to ln 2 ≈ 0.693?",
        options=("Every logit is near 0, so every ŷ is near 0.5, and each sample costs about −ln 0.5.",
                 "Because about half of the labels are 1.",
                 "Because tanh(0) = 0 makes every logit exactly 0.",
                 "Because the binary cross-entropy is at most ln 2."),
        answer=0,
        why=("Whatever the label, a 50/50 guess costs −ln 0.5 = ln 2.",
             "The class balance does not matter: here 37 % are malignant and the start is still near ln 2.",
             "Small weights give small logits, not exactly 0 (that is why this notebook starts at 0.66).",
             "It has no upper bound: a confident wrong answer costs far more."),
    ),
    Question(
        "Going back through A1 = tanh(Z1), the gradient is multiplied elementwise by …",
        options=("1 − A1²", "A1(1 − A1)", "1 − tanh(A1)²", "nothing: tanh's slope is at most 1"),
        answer=0,
        why=("tanh′(Z1) = 1 − tanh²(Z1), and A1 is already tanh(Z1).",
             "That is σ′, the sigmoid's derivative, not tanh's.",
             "That takes tanh twice: A1 already is tanh(Z1).",
             "At most 1 is not 1: for large |Z1| the slope is almost 0 (tanh saturates)."),
    ),
    Question(
        "Every weight of the network starts at the same value 0.1. After 300 training steps the 20 hidden units …",
        options=("are still identical: they get the same gradient at every step",
                 "differ, because the samples differ",
                 "differ, because the learning rate is large enough",
                 "are all 0"),
        answer=0,
        why=("Identical units compute the same thing and receive the same gradient: random starts break that.",
             "Every unit sees the same samples through the same weights, so the data cannot tell them apart.",
             "The step size scales the same gradient for every unit.",
             "They move, but all together."),
    ),
    Question("By the rule Var(w) ≈ 1/fan-in, what standard deviation should the first-layer weights have with "
             "50 standardised inputs? (3 decimals)",
             answer=0.141, tolerance=0.002,
             why=("1/√50 ≈ 0.141: a hidden unit's score then has a variance of about 50 · (1/50) = 1, in tanh's "
                  "steep middle part.",)),
    Question(
        "The validation loss is lowest at step 660. Which figure do you report for new masses?",
        options=("The validation loss at step 660.",
                 "The test loss (or accuracy) of the step-660 network, looked at once.",
                 "The lowest test loss over all steps.",
                 "The training loss at step 660."),
        answer=1,
        why=("Optimistic: step 660 was chosen because it suits these validation masses.",
             "The test part took part in no choice, so its score is honest.",
             "Choosing the step on the test curve makes the test score optimistic too.",
             "It says how well the network fits what it has seen, not new masses."),
    ),
]

QUIZ_08 = [
    Question(
        "A larger Huber threshold δ makes the Huber fit …",
        options=("closer to the MSE fit", "closer to the MAE fit", "no different"),
        answer=0,
        why=("A larger δ widens the quadratic part: once every residual is inside ±δ it is half the squared loss.",
             "Backwards: a smaller δ leaves more residuals in the linear, MAE-like part.",
             "Once δ passes some residuals, they change sides and the fit changes."),
    ),
    Question("What is the Huber slope ρ′(a) at a residual a = −3 with δ = 1?",
             answer=-1.0, tolerance=1e-6,
             why=("Beyond ±δ the slope is δ·sign(a) = −1: the pull of a far point is capped at δ.",)),
    Question(
        "Fitting a line, which of these costs can have a local minimum that is not the global one?",
        options=("MSE", "MAE", "Huber", "Cauchy"),
        answer=3,
        why=("Convex: one valley.", "Convex (with a kink), one valley.", "Convex: one valley.",
             "Its slope falls back towards 0 for far residuals, so a second group of points can make a second "
             "valley."),
    ),
    Question("What is the cosine loss 1 − cos θ of a = [1, 2] and b = [3, 6]?",
             answer=0.0, tolerance=1e-6,
             why=("b = 3a points the same way: cos θ = 1, loss 0. Length does not count.",)),
    Question(
        "Two distributions P and Q that do not overlap at all: their Jensen–Shannon divergence …",
        options=("is log 2, however far apart they are", "grows with the distance between them", "is infinite"),
        answer=0,
        why=("So a parameter that only moves Q gets zero gradient until they overlap.",
             "It does not see the distance, only the overlap: it stays at log 2.",
             "That is KL(P‖Q): it is infinite where Q is 0 and P is not; JS is always finite."),
    ),
]

QUIZ_09 = [
    Question("1,000 training samples, batches of 50. How many update steps does one epoch take?",
             answer=20.0, tolerance=1e-6,
             why=("An epoch is one shuffled pass over every sample: 1000 / 50 = 20 batches, one step each.",)),
    Question(
        "Going from batches of 16 to batches of 64, the spread (standard deviation) of a batch's gradient around "
        "the full gradient …",
        options=("halves", "falls to a quarter", "stays the same", "doubles"),
        answer=0,
        why=("The spread shrinks like 1/√b: four times the batch, half the spread.",
             "A quarter is the variance; the standard deviation is its square root.",
             "Averaging more samples makes the estimate steadier (it is unbiased at every size).",
             "More samples make the average less noisy, not more."),
    ),
    Question("With momentum β = 0.9 and the same gradient at every step, the step grows to at most how many times "
             "η·g?",
             answer=10.0, tolerance=1e-6,
             why=("The velocity sums η·g·(1 + β + β² + …) = η·g/(1 − β) = 10·η·g.",)),
    Question("Adam's very first step, η = 0.001, one parameter with gradient g = 50: by how much does the parameter "
             "change? (a signed number)",
             answer=-0.001, tolerance=1e-6,
             why=("After bias correction m̂ = g and √v̂ = |g|, so the step is −η·g/|g| = −0.001, whatever the "
                  "gradient's size.",)),
    Question(
        "Adam with η = 10⁻³ or momentum with η = 0.1: how do you choose?",
        options=("Train both and compare them on the validation set; report the test score of the winner once.",
                 "Adam, always: it is the newest.",
                 "Whichever has the lower training loss.",
                 "Compare them on the test set."),
        answer=0,
        why=("The optimizer and its learning rate are hyper-parameters, chosen on validation like every other.",
             "Adam is a robust default start, but tuned SGD with momentum often generalises better.",
             "The training loss rewards fitting the training data, not doing well on new data.",
             "A test set used for a choice no longer gives an honest estimate."),
    ),
]

QUIZ_10 = [
    Question(
        "Why does it take three sets, training, validation and test?",
        options=("Parameters are fitted on training, choices made on validation, and the test set, used once, "
                 "gives an honest estimate of the final model.",
                 "Three sets train the model three times as fast.",
                 "The test set is a second validation set, for more choices.",
                 "The validation set is only for plotting."),
        answer=0,
        why=("Every set that took part in a decision flatters the model it chose; the test set took part in none.",
             "More sets mean less training data, not faster training.",
             "Each choice made on it makes its score optimistic: it would stop being a test.",
             "Its scores choose the hyper-parameters (learning rate, λ, when to stop)."),
    ),
    Question("fold_ids(11, 3): the folds are contiguous blocks whose sizes differ by at most one. How many samples "
             "does fold 0 get?",
             answer=4.0, tolerance=1e-6,
             why=("11 // 3 = 3 each and 11 % 3 = 2 left over, which go to the first two folds: sizes 4, 4, 3.",)),
    Question(
        "A deep ReLU network: which starting scale keeps the activations and gradients steady across layers?",
        options=("He: Var(w) = 2/fan-in", "Xavier: Var(w) = 1/fan-in", "0.01 for every weight", "1 for every weight"),
        answer=0,
        why=("ReLU zeroes about half of its input's variance; the factor 2 gives it back at every layer.",
             "Right for tanh, but with ReLU it loses a factor of about 1/√2 in spread per layer.",
             "Too small: the signal shrinks at every layer, the gradients are tiny everywhere, the loss stays at log K.",
             "Too large: the spread grows at every layer and the gradients explode."),
    ),
    Question("Weight decay with learning rate η = 0.1 and L2 strength λ = 0.01 (penalty λ·ΣW²): by which factor is "
             "every weight multiplied before the usual step?",
             answer=0.998, tolerance=1e-6,
             why=("The penalty's gradient is 2λW, so W ← (1 − 2ηλ)·W − η·∂J/∂W, and 1 − 2·0.1·0.01 = 0.998.",)),
    Question(
        "Inverted dropout with keep = 0.5: what happens at evaluation time?",
        options=("Nothing: every unit is used and nothing is rescaled.",
                 "Half of the units are switched off, as in training.",
                 "Every activation is multiplied by 0.5.",
                 "Every activation is divided by 0.5."),
        answer=0,
        why=("During training the kept units were divided by keep, so their expected output already equals the "
             "full network's.",
             "Then predictions would be random; the thinning is only for training.",
             "That is the original, non-inverted dropout: inverted dropout does the scaling during training instead.",
             "That rescaling happened during training; doing it again would double every activation."),
    ),
]
